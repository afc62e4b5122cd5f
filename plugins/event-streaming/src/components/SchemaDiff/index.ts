export { SchemaDiff } from './SchemaDiff';
