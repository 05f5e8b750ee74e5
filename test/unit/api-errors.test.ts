/** An unexpected failure inside the API reaches the client as an id only; the details stay in the local log. */
import { describe, expect, it, vi } from 'vitest';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';

describe('internal errors', () => {
  it('answer `internal error (id …)` and log the details under the same id', async () => {
    const api = new ApiService(new Engine());
    const logged: unknown[][] = [];
    const log = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      // a spec whose field throws when read: not an invalid input but a failure while parsing it
      const spec = {
        get mode(): string {
          throw new Error('ENOENT: /home/someone/secret/path');
        },
      };
      const reply = await api.call('startRun', spec);
      expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^internal error \(id [0-9a-f]{8}\)$/) });
      const id = (reply as { error: string }).error.match(/id ([0-9a-f]{8})/)?.[1];
      expect(JSON.stringify(reply)).not.toContain('secret');
      expect(logged).toHaveLength(1);
      expect(String(logged[0][0])).toContain(`internal error (id ${id}) in startRun`);
      expect(String(logged[0][1])).toContain('/home/someone/secret/path');
    } finally {
      log.mockRestore();
    }
  });
});
