-- Headless Neovim (built-in LSP client, 0.7+) against charter-lint-server --stdio.
-- Args via env: CHARTER_SERVER (path to dist/server.js), CHARTER_WS (workspace folder), CHARTER_OUT (result JSON).
local server = os.getenv('CHARTER_SERVER')
local ws = os.getenv('CHARTER_WS')
local out = os.getenv('CHARTER_OUT')
local result = { steps = {} }

local function finish(ok, message)
  result.ok = ok
  result.message = message
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local function step(name, value) result.steps[#result.steps + 1] = { name = name, value = value } end

local ok, err = pcall(function()
  vim.cmd('edit ' .. ws .. '/emea.charter.yaml')
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'charter-lint',
    cmd = { 'node', server, '--stdio' },
    root_dir = ws,
    workspace_folders = { { uri = vim.uri_from_fname(ws), name = 'ws' } },
  })
  assert(client_id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, client_id)

  -- Diagnostics of the open buffer (published after the server lints the workspace).
  local found = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'duplicate-responsibility' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'duplicate-responsibility') then return true end
    end
    return false
  end, 100)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do codes[#codes + 1] = { line = d.lnum, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) } end
  step('diagnostics', codes)
  assert(found, 'no duplicate-responsibility diagnostic arrived')

  -- Code action at the duplicate (0-based line 14), apply the preferred quick fix.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 14, character = 8 }, ['end'] = { line = 14, character = 8 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
  local preferred
  local titles = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      titles[#titles + 1] = action.title
      if action.isPreferred and action.edit then preferred = action end
    end
  end
  step('actions', titles)
  assert(preferred, 'no preferred quick fix')
  local before = vim.api.nvim_buf_get_lines(buf, 14, 15, false)[1]
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  local after = vim.api.nvim_buf_get_lines(buf, 14, 15, false)[1] or ''
  step('line 15 before', before)
  step('line 15 after', after)
  assert(before ~= after, 'the fix did not change the buffer')

  -- The finding goes away after the edit reaches the server.
  local gone = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'duplicate-responsibility' then return false end
    end
    return true
  end, 100)
  assert(gone, 'duplicate-responsibility is still reported after the fix')

  -- Hover works too.
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 4, character = 12 },
  }, 10000)
  local text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then text = response.result.contents.value or '' end
  end
  step('hover', text)
  assert(text:find('Regional Sales Manager', 1, true), 'hover lacks the role title')
end)

if ok then finish(true, 'ok') else finish(false, tostring(err)) end
