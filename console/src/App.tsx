import { createResource, Match, Switch } from 'solid-js';
import type { AgentProfile, SignInResponse } from '../../protocol/api';
import { api, ApiFailure } from './api';
import { SignIn } from './SignIn';
import { Workspace } from './Workspace';

export function App() {
  const [me, { mutate }] = createResource(async (): Promise<AgentProfile | null> => {
    try {
      return (await api<SignInResponse>('GET', '/api/auth/me')).agent;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) return null;
      throw err;
    }
  });

  return (
    <Switch fallback={<p class="loading">Loading…</p>}>
      <Match when={me.error}>
        <p role="alert">Could not reach Parley: {(me.error as Error).message}</p>
      </Match>
      <Match when={me.state === 'ready' && me()}>
        {(agent) => <Workspace agent={agent()} onSignedOut={() => mutate(null)} />}
      </Match>
      <Match when={me.state === 'ready' && !me()}>
        <SignIn onSignedIn={(agent) => mutate(agent)} />
      </Match>
    </Switch>
  );
}
