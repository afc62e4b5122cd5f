export { TopicPage } from './TopicPage';
