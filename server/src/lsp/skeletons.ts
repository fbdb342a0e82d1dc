import * as path from 'node:path';
import { DEFAULT_MODEL_ID, loadBuiltinModel, type RoleModel } from '../core/model/model';
import { charterSkeleton, skeletonChoices } from '../core/skeleton';
import { isInside } from '../node/project';
import type { Workspace } from './workspace';

/**
 * `orgCharter/skeletons`: the skeletons the editor's "New charter" command offers, one per role
 * type of the model in use (the organization's model for a charter in `folder`, else the built-in
 * one). The text is the core's `charterSkeleton`, the same the empty-file quick fix inserts.
 */
export function skeletons(workspace: Workspace, folder: string | undefined): { choices: { roleType: string; label: string; description?: string; text: string }[] } {
  let model: RoleModel | undefined;
  if (folder) {
    const states = workspace
      .allOrganizations()
      .filter((state) => isInside(folder, state.root) || isInside(state.root, folder))
      .sort((a, b) => a.root.split(path.sep).length - b.root.split(path.sep).length);
    // The latest analysis (the server lints every organization at start); analysing here would
    // race the lint in progress.
    model = states.find((state) => state.result?.model)?.result?.model;
  }
  if (!model) {
    const builtin = loadBuiltinModel(DEFAULT_MODEL_ID);
    if (!builtin.ok) return { choices: [] };
    model = builtin.model;
  }
  const known = model;
  return {
    choices: skeletonChoices(known).flatMap((choice) => {
      const text = charterSkeleton(known, choice.roleType);
      return text === undefined ? [] : [{ ...choice, text }];
    }),
  };
}
