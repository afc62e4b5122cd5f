export { TopicActions } from './TopicActions';
