export { OpenRequestsBanner, useOpenRequests } from './OpenRequests';
