export type {
  EffectiveCompatibilityRule,
  SchemaArtifactPage,
  SchemaArtifactSummary,
  SchemaRegistration,
  SchemaRegistry,
  SchemaRuleViolation,
  SchemaVersionSummary,
} from './SchemaRegistry';
