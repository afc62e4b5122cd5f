export { EntitySchemaCard } from './EntitySchemaCard';
