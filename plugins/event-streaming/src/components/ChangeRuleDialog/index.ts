export { ChangeRuleDialog } from './ChangeRuleDialog';
