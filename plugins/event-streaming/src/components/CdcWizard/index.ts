export { CdcWizard } from './CdcWizard';
