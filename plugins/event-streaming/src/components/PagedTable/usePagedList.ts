import { DependencyList, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * One page of a list the backend pages: the page and page size as state,
 * the load of the current page, and the props that drive `PagedTable`'s
 * pager. `deps` are the filters; give the table a `key` made of them so a
 * new filter starts at the first page.
 */
export function usePagedList<T>(
  load: (page: { offset: number; limit: number }) => Promise<T>,
  deps: DependencyList,
) {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const state = useAsync(
    () => load({ offset: page * pageSize, limit: pageSize }),
    // The caller's filters plus the page: `load` is a new closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, page, pageSize],
  );
  return {
    ...state,
    pager: {
      page,
      pageSize,
      onPageChange: setPage,
      onPageSizeChange: setPageSize,
    },
  };
}
