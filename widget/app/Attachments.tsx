/**
 * Files for the next message: picked, checked here against the same limits the server enforces
 * (so a wrong file is named at once), then uploaded with the message, with progress.
 */
import { For, Show } from 'solid-js';
import { FILE_TYPES, MAX_ATTACHMENTS, MAX_FILE_BYTES } from '../../protocol/limits';
import type { Translate } from './i18n';

/** Why these files cannot go, or null. */
export function checkFiles(files: File[], t: Translate): string | null {
  if (files.length > MAX_ATTACHMENTS) return t('tooMany', { max: MAX_ATTACHMENTS });
  const wrongType = files.find((f) => !FILE_TYPES.test(f.type));
  if (wrongType) return t('badType', { name: wrongType.name });
  const tooBig = files.find((f) => f.size > MAX_FILE_BYTES);
  return tooBig ? t('tooBig', { name: tooBig.name }) : null;
}

export function AttachButton(props: { t: Translate; onPick(files: File[]): void }) {
  let input: HTMLInputElement | undefined;
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept="text/plain,text/csv,application/pdf,image/png,image/jpeg,image/gif,image/webp"
        onChange={(e) => {
          props.onPick([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
      <button type="button" class="icon" aria-label={props.t('attach')} onClick={() => input?.click()}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" />
        </svg>
      </button>
    </>
  );
}

export function PickedFiles(props: { files: File[]; progress: number | null; t: Translate; onRemove(file: File): void }) {
  return (
    <Show when={props.files.length}>
      <div class="picked">
        <ul>
          <For each={props.files}>
            {(file) => (
              <li>
                <span>{file.name}</span>
                <button type="button" class="icon" aria-label={props.t('remove', { name: file.name })} disabled={props.progress !== null} onClick={() => props.onRemove(file)}>
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.progress !== null}>
          <progress max="100" value={Math.round(props.progress! * 100)} aria-label={props.t('uploading', { percent: Math.round(props.progress! * 100) })} />
        </Show>
      </div>
    </Show>
  );
}
