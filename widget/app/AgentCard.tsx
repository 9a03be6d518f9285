/** Who the visitor is talking to: name, and department and photo when the site shows them. */
import { createResource, Show } from 'solid-js';
import type { WidgetSettings } from '../../protocol/chat';
import type { VisitorApi } from './visitor-api';

export function AgentCard(props: { agentId: string; api: VisitorApi; settings: WidgetSettings }) {
  const [agent] = createResource(() => props.agentId, (id) => props.api.agent(id).catch(() => null));
  return (
    <Show when={agent()}>
      {(a) => (
        <div class="agent">
          <Show when={props.settings.showAgentPhoto && a().hasPhoto}>
            <img src={props.api.agentPhotoUrl(props.agentId)} alt="" width="36" height="36" />
          </Show>
          <div>
            <strong>{a().name}</strong>
            <Show when={props.settings.showDepartment && a().department}>
              <span>{a().department}</span>
            </Show>
          </div>
        </div>
      )}
    </Show>
  );
}
