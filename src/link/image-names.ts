/** File names the link reads for image names (no parser here: discovery imports it). */

/** Dockerfile names: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^(?:dockerfile|containerfile)(?:\..+)?$/i.test(base) || /\.(?:dockerfile|containerfile)$/i.test(base);
}

/** Workflow files of the CI systems whose build steps name images. */
export function isWorkflowPath(path: string): boolean {
  return /^(?:.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}
