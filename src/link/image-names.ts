/** File names the link reads for image names (no parser here: discovery imports it). */

// Module constants: a regex literal in a function body is a new object on every call, and
// discovery asks about every file name of the repository.
const DOCKERFILE = /(?:^|\/)(?:dockerfile|containerfile)(?:\.[^/]+)?$|\.(?:dockerfile|containerfile)$/i;

/** Dockerfile names: `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfileName(path: string): boolean {
  return DOCKERFILE.test(path);
}

/** Workflow files of the CI systems whose build steps name images. */
export function isWorkflowPath(path: string): boolean {
  return /^(?:.*\/)?\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}
