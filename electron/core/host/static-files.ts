import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.map': 'application/json',
};

const inside = (root: string, file: string): boolean => file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Reads a file of the renderer build for a decoded URL path, never outside `root`: neither by
 * the path (`..`) nor through a symbolic link inside the build that points out of it (its real
 * path is what is checked and read).
 */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | undefined> {
  if (urlPath.includes('\u0000')) return undefined;
  const relative = urlPath.replace(/^\/+/, '') || 'index.html';
  const file = normalize(join(root, relative));
  if (!inside(root, file)) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!inside(realRoot, realFile)) return undefined;
    return { body: await readFile(realFile), type: TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return undefined;
  }
}
