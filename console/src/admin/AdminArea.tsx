import { A } from '@solidjs/router';
import type { AgentProfile } from '../../../protocol/api';

/** Settings for admins (and, where stated, supervisors). */
export function AdminArea(props: { agent: AgentProfile }) {
  return (
    <div class="admin">
      <header class="topbar">
        <h1>Parley admin</h1>
        <span class="who">{props.agent.name}</span>
        <A href="/">Chats</A>
      </header>
    </div>
  );
}
