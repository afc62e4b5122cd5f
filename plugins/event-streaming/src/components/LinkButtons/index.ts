export { LinkButtons } from './LinkButtons';
