export { PAGE_SIZES, PagedTable } from './PagedTable';
