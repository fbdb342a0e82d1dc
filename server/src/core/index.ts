/** The analysis core: plain data in, findings and edits out. No LSP, no VS Code, no process state. */
export { analyze, analyzeInSteps, fixAll, builtinResolver, FileCache } from './analyze';
export { IncrementalAnalysis } from './incremental';
export type { AnalyzeInput, AnalysisResult, ChosenModel, ModelResolution, ModelResolver, FixAllResult } from './analyze';
export { applyEdits } from './fixes';
export { parseCharter } from './parse';
export type { CharterFile, RoleDecl } from './parse';
export { parseConfig, defaultConfig, CONFIG_FILE_NAME, CONFIG_FILE_NAMES, DEFAULT_FILES } from './config';
export type { CharterLintConfig } from './config';
export { parseRoleModel, loadBuiltinModel, isModelPath, BUILTIN_MODELS, DEFAULT_MODEL_ID } from './model/model';
export type { RoleModel, ResponsibilityDef, RoleTypeDef } from './model/model';
export { matchResponsibility } from './match';
export { RULES, RULES_BY_ID, docsUrl } from './rules';
export { LineIndex } from './text';
export * from './types';
