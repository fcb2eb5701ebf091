/** `promptops k8s`: Kubernetes manifests and policy simulation. */
import type { Command } from 'commander';
import { registerNotYetAvailable } from '../not-yet-available.js';

export function registerK8s(program: Command): void {
  registerNotYetAvailable(program, 'k8s', 'Kubernetes manifests and policy simulation', 'the Kubernetes issue (#8)');
}
