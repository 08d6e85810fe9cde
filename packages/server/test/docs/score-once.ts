import { createServer } from '@inferschema/server';

/** Serves an entry script on a free port, posts one JSON body to `/score`, and stops. */
export async function scoreOnce(scriptPath: string, modelDir: string, body: string): Promise<{ status: number; text: string }> {
  const server = await createServer(scriptPath, { modelDir, port: 0, logLevel: 'silent' }); // a path or a LoadedScript
  const url = await server.start(); // listens, then runs init; resolves once ready
  const response = await fetch(`${url}/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = { status: response.status, text: await response.text() };
  await server.close(); // stops accepting, waits for in-flight requests
  return answer;
}
