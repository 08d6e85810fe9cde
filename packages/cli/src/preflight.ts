import { createServer } from 'node:net';
import { CliError, EXIT } from './cli-error.js';
import { requireDirectory } from './load-script.js';

/** Where a model directory came from, named as the user wrote it. */
export type ModelDirSource = '--model-dir' | '--model_dir' | 'AZUREML_MODEL_DIR';

/** A model directory the user named, and how they named it. */
export interface NamedModelDir {
  readonly path: string;
  readonly source: ModelDirSource;
}

/**
 * Fails with a usage error when a model directory named on the command line or in `AZUREML_MODEL_DIR` does not
 * exist, so `run` and `serve` report it the same way, before anything loads or listens.
 */
export function requireModelDir(named: NamedModelDir | undefined): void {
  if (named) requireDirectory(named.path, named.source === 'AZUREML_MODEL_DIR' ? 'AZUREML_MODEL_DIR' : named.source);
}

/** The error of a script whose `init` needs a model directory that no flag or variable gives. */
export function missingModelDir(): CliError {
  return new CliError('init is @modelInit, so it needs the model directory: give --model-dir <dir> or set AZUREML_MODEL_DIR', EXIT.usage);
}

/**
 * Fails before the server is started when `host:port` cannot be listened on: a port another process holds is
 * {@link EXIT.portInUse}; an address that is not this machine's is a usage error. Port 0 (any free port) is
 * never checked.
 */
export async function requireFreePort(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use (another server?): use --port`, EXIT.portInUse);
    if (code === 'EACCES') throw new CliError(`port ${port} needs privileges this user does not have: use --port above 1023`, EXIT.portInUse);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError(`--host ${host} is not an address of this machine: use --host 127.0.0.1 or 0.0.0.0`, EXIT.usage);
    throw error;
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
