export {
  OwnershipToggle,
  ShowAllButton,
  useOwnershipFilter,
} from './OwnershipToggle';
