/** How the widget shows a chat's files: only raster images become object URLs of the host page. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../protocol/chat';
import { tokenKey } from '../contract';
import { VisitorApi } from '../app/visitor-api';

const BASE = 'https://chat.example';

describe('file links', () => {
  const fetched: string[] = [];
  beforeEach(() => {
    localStorage.setItem(tokenKey('shop'), 'tok en');
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      return new Response(new Blob(['x'], { type: 'image/png' }));
    });
    URL.createObjectURL = () => 'blob:https://shop.example/1';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
    fetched.length = 0;
  });

  it('previews a raster image from an object URL, fetched with the token in a header', async () => {
    const api = new VisitorApi(BASE, 'shop');
    const png: Attachment = { id: 'F1', name: 'crack.png', type: 'image/png', size: 1 };
    expect(await api.fileUrl(png)).toBe('blob:https://shop.example/1');
    expect(fetched).toEqual([`${BASE}/api/files/F1`]);
  });

  it('links anything else to the file itself, which downloads, and never makes it a page of the host', async () => {
    const api = new VisitorApi(BASE, 'shop');
    for (const [id, type] of [['F2', 'application/pdf'], ['F3', 'text/plain'], ['F4', 'text/csv']] as const) {
      expect(await api.fileUrl({ id, name: 'x', type, size: 1 })).toBe(`${BASE}/api/files/${id}?token=tok%20en`);
    }
    expect(fetched).toEqual([]);
  });
});
