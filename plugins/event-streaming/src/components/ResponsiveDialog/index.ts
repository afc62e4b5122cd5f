export { DialogForm, ResponsiveDialog } from './ResponsiveDialog';
