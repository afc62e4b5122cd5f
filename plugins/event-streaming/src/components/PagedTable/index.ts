export { PAGE_SIZES, PagedTable } from './PagedTable';
export { usePagedList } from './usePagedList';
