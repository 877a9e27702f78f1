export { search, type SearchInput, type SearchResult, type SearchType } from './search.ts';
export { searchRoutes } from './search.routes.ts';
