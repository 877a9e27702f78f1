import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { Shell } from './components/shell.tsx';
import { useActivityHeartbeat } from './lib/activity.ts';
import { useLiveQueries } from './lib/live-queries.ts';
import { useSession } from './lib/session.ts';
import type { Me } from './lib/types.ts';
import { useViews } from './lib/views.ts';
import { CustomerPage } from './pages/customer-page.tsx';
import { InboxPage } from './pages/inbox-page.tsx';
import { SearchPage } from './pages/search-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { TicketPage } from './pages/ticket-page.tsx';

// Settings are for admins and rarely opened: kept out of the first load.
const SettingsPage = lazy(() => import('./pages/settings-page.tsx').then((m) => ({ default: m.SettingsPage })));
const KnowledgeSection = lazy(() => import('./pages/knowledge/knowledge-section.tsx'));
const SupervisorPage = lazy(() => import('./pages/supervisor-page.tsx').then((m) => ({ default: m.SupervisorPage })));
const CallsPage = lazy(() => import('./pages/calls-page.tsx').then((m) => ({ default: m.CallsPage })));

export function App() {
  const session = useSession();
  if (session.isPending) return <div className="grid h-full place-items-center text-stone-400">Loading…</div>;
  if (!session.data) return <SignInPage />;
  return <Workspace me={session.data} />;
}

/** The landing page is the agent's first view. */
function FirstView() {
  const views = useViews();
  const first = views.data?.[0];
  return first ? <Redirect to={`/views/${first.id}`} replace /> : null;
}

function Workspace({ me }: { me: Me }) {
  useLiveQueries();
  useActivityHeartbeat();
  return (
    <Shell me={me}>
      <Switch>
        <Route path="/views/:viewId">{(params) => <InboxPage viewId={params.viewId} me={me} />}</Route>
        <Route path="/search" component={SearchPage} />
        <Route path="/customers/:id">{(params) => <CustomerPage key={params.id} customerId={Number(params.id)} me={me} />}</Route>
        <Route path="/settings/:section?">
          {(params) => (
            <Suspense fallback={null}>
              <SettingsPage section={params.section} me={me} />
            </Suspense>
          )}
        </Route>
        <Route path="/supervisor">
          <Suspense fallback={null}>
            <SupervisorPage />
          </Suspense>
        </Route>
        <Route path="/calls">
          <Suspense fallback={null}>
            <CallsPage me={me} />
          </Suspense>
        </Route>
        <Route path="/knowledge" nest>
          <Suspense fallback={null}>
            <KnowledgeSection me={me} />
          </Suspense>
        </Route>
        <Route path="/tickets/:id">{(params) => <TicketPage key={params.id} ticketId={Number(params.id)} me={me} />}</Route>
        <Route>
          <FirstView />
        </Route>
      </Switch>
    </Shell>
  );
}
