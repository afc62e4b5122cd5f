export { RegisterSchemaDialog } from './RegisterSchemaDialog';
export type { RegisterTarget } from './RegisterSchemaDialog';
