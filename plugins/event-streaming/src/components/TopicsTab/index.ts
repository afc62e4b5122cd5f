export { TopicsTab } from './TopicsTab';
