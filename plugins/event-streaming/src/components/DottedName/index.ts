export { DottedName } from './DottedName';
