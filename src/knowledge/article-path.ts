/** Where an article lives in the help center; the id makes the link survive a change of slug. */
export const articlePath = (a: { id: number; locale: string; slug: string }) => `/help/${a.locale}/articles/${a.id}-${a.slug}`;
