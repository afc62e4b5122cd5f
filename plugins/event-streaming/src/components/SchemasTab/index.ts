export { SchemasTab } from './SchemasTab';
