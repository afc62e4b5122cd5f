export { SchemaPage } from './SchemaPage';
