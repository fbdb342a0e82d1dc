// The extension client arrives with issue 3; this placeholder keeps the project reference valid.
export {};
