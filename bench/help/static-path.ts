/** The bench-only route that serves a saved article page as a static file. */
export const STATIC_PATH = '/bench/static/article.html';
