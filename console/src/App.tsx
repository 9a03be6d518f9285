import { Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createResource, Match, onCleanup, Switch } from 'solid-js';
import { createSignal } from 'solid-js';
import type { AgentProfile } from '../../protocol/api';
import { ApiFailure } from '../../protocol/client/rest-client';
import { auth } from '../../protocol/rest/auth';
import { setup } from '../../protocol/rest/setup';
import { call } from './api';
import { Setup } from './Setup';
import { SignIn } from './SignIn';
import { Workspace } from './Workspace';
import { AdminArea } from './admin/AdminArea';
import { Account } from './admin/Account';
import { isJoinPage, Join } from './admin/Join';
import { onOpenRequest } from './push';

/** Around every signed-in page: a click on a push notification brings this console to its route. */
function ConsoleRoot(props: RouteSectionProps) {
  const navigate = useNavigate();
  onCleanup(onOpenRequest(navigate));
  return props.children;
}

/** Who is here: a signed-in agent, someone to sign in, or a fresh deployment to set up. */
type Visit = { agent: AgentProfile } | { agent: null; setupNeeded: boolean };

export function App() {
  const [visit, { mutate }] = createResource(async (): Promise<Visit> => {
    try {
      return { agent: (await call(auth.me)).agent };
    } catch (err) {
      if (!(err instanceof ApiFailure && err.status === 401)) throw err;
      return { agent: null, setupNeeded: (await call(setup.needed)).needed };
    }
  });
  const signedIn = (agent: AgentProfile) => mutate({ agent });
  const setupNeeded = () => {
    const v = visit();
    return v !== undefined && v.agent === null && v.setupNeeded;
  };
  const signedOut = () => mutate({ agent: null, setupNeeded: false });
  // A sign-up link works signed out, before anything else is shown.
  const [joining, setJoining] = createSignal(isJoinPage());

  return (
    <Switch fallback={<p class="loading">Loading…</p>}>
      <Match when={joining()}>
        <Join onJoined={(agent) => (setJoining(false), signedIn(agent))} />
      </Match>
      <Match when={visit.error}>
        <p role="alert">Could not reach Parley: {(visit.error as Error).message}</p>
      </Match>
      <Match when={visit()?.agent}>
        {(agent) => (
          <Router base="/console" root={ConsoleRoot}>
            <Route path="/admin/*" component={() => <AdminArea agent={agent()} />} />
            <Route path="/account" component={() => <Account agent={agent()} />} />
            <Route path="*" component={() => <Workspace agent={agent()} onSignedOut={signedOut} />} />
          </Router>
        )}
      </Match>
      <Match when={setupNeeded()}>
        <Setup onDone={signedIn} />
      </Match>
      <Match when={visit()}>
        <SignIn onSignedIn={signedIn} />
      </Match>
    </Switch>
  );
}
