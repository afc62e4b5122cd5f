export { ConsumerGroupPage } from './ConsumerGroupPage';
