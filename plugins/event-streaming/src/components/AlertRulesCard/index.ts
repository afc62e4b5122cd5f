export { AlertRulesCard } from './AlertRulesCard';
export type { AlertRulesCardProps } from './AlertRulesCard';
