export { EventStreamingPage } from './EventStreamingPage';
