export { ConsumerGroupsTab } from './ConsumerGroupsTab';
