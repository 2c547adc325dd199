-- Headless Neovim as a second LSP client of kb-language-server: loads the editor
-- configuration of kb.lua (beside this file), opens articles of a fixture KB, and checks
-- diagnostics, a hover and a quick fix. Prints `N passed, N failed`; exits 1 on a failure.
--
--   KB_ROOT=<fixture KB copy> nvim --headless --clean -c "luafile test/e2e/neovim/check.lua"
-- (kb-language-server must be on the PATH; test/e2e/run-neovim-check.mjs arranges both.)
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local root = assert(os.getenv('KB_ROOT'), 'KB_ROOT names the fixture KB')
local timeout_ms = tonumber(os.getenv('KB_E2E_STEP_TIMEOUT') or '20000')
local passed, failed = 0, 0

local function say(line) io.stdout:write(line .. '\n') end
local function finish()
  say(string.format('%d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok   ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. (detail and (': ' .. tostring(detail)) or ''))
  end
  return ok
end
-- A dead or silent server must not hang the run.
vim.defer_fn(function() check('finishes within two minutes', false); finish() end, 120000)

local function rule_of(diagnostic)
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  local code = diagnostic.code or lsp.code
  return type(code) == 'table' and code.value or code
end
local function diagnostic_of(bufnr, rule)
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if rule_of(diagnostic) == rule then return diagnostic end
  end
end
-- The 0-based position of the first `needle` in the buffer (ASCII text: bytes = UTF-16 units).
local function position_of(bufnr, needle, offset)
  for line, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local column = text:find(needle, 1, true)
    if column then return { line = line - 1, character = column - 1 + (offset or 0) } end
  end
end
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. path))
  return vim.api.nvim_get_current_buf()
end
local function attached(bufnr)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    if client.name == 'kb' then return client end
  end
end
local function glossary_summary(path)
  for line in io.lines(root .. '/' .. path) do
    local summary = line:match('^summary: (.+)$')
    if summary then return summary end
  end
end

dofile(here .. '/kb.lua')

-- 1. The configuration starts the server for a Markdown file of a KB.
local article = open('articles/prompt-after-sign-in.md')
check('the kb client attaches to an article of a KB', vim.wait(timeout_ms, function() return attached(article) ~= nil end, 20))

-- 2. Diagnostics: the broken anchor, at the fragment.
vim.wait(timeout_ms, function() return diagnostic_of(article, 'link-anchor') ~= nil end, 20)
local anchor = diagnostic_of(article, 'link-anchor')
if check('publishes a link-anchor diagnostic', anchor ~= nil, vim.inspect(vim.diagnostic.get(article))) then
  local at = position_of(article, '#caus')
  local on_fragment = anchor.lnum == at.line and anchor.col >= at.character and anchor.end_col <= at.character + #'#caus'
  check('the diagnostic is on the fragment "#caus"', on_fragment, anchor.lnum .. ':' .. anchor.col .. '-' .. anchor.end_col)
  check('the diagnostic says what was expected', anchor.message:find('did you mean "#cause"', 1, true) ~= nil, anchor.message)
  check('the diagnostic is an error', anchor.severity == vim.diagnostic.severity.ERROR, anchor.severity)
end

-- 3. Hover: the glossary definition of ucmapi.exe.
local hover_text = ''
local responses = vim.lsp.buf_request_sync(article, 'textDocument/hover', {
  textDocument = vim.lsp.util.make_text_document_params(article),
  position = position_of(article, 'ucmapi.exe', 3),
}, timeout_ms) or {}
for _, response in pairs(responses) do
  local contents = response.result and response.result.contents
  if contents then hover_text = hover_text .. (contents.value or vim.inspect(contents)) end
end
local summary = glossary_summary('glossary/ucmapi.md')
check('hover on ucmapi.exe shows its glossary definition', summary ~= nil and hover_text:find(summary, 1, true) ~= nil, hover_text)

-- 4. Quick fix: "Link remediation steps" on an article that declares a cause.
local incomplete = open('articles/prompt-without-remediations.md')
vim.wait(timeout_ms, function() return diagnostic_of(incomplete, 'remediation-link') ~= nil end, 20)
local missing = diagnostic_of(incomplete, 'remediation-link')
if check('publishes a remediation-link diagnostic', missing ~= nil, vim.inspect(vim.diagnostic.get(incomplete))) then
  local lsp = missing.user_data and missing.user_data.lsp or {}
  local range = { start = { line = missing.lnum, character = missing.col }, ['end'] = { line = missing.end_lnum, character = missing.end_col } }
  local diagnostic = { range = range, message = missing.message, severity = missing.severity, source = missing.source, code = rule_of(missing), data = lsp.data }
  local actions = vim.lsp.buf_request_sync(incomplete, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(incomplete),
    range = range,
    context = { diagnostics = { diagnostic }, only = { 'quickfix' } },
  }, timeout_ms) or {}
  local fix
  for _, response in pairs(actions) do
    for _, action in ipairs(response.result or {}) do
      if action.title == 'Link remediation steps' then fix = action end
    end
  end
  if check('offers "Link remediation steps"', fix ~= nil and fix.edit ~= nil, vim.inspect(actions)) then
    vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
    local text = table.concat(vim.api.nvim_buf_get_lines(incomplete, 0, -1, false), '\n')
    local expected = {
      '1. [Switch Outlook Anywhere to NTLM authentication](../remediations/switch-outlook-anywhere-to-ntlm.md): ',
      '2. [Cache the Outlook Anywhere credentials in Windows Credential Manager](../remediations/cache-credentials-in-credential-manager.md): ',
      '3. [Educate users about the Lync MAPI COM Server prompt](../remediations/educate-users.md): ',
    }
    local all = true
    for _, item in ipairs(expected) do all = all and text:find('\n' .. item, 1, true) ~= nil end
    check('the fix lists the remediations in rank order', all, text)
    check('the diagnostic goes away after the fix', vim.wait(timeout_ms, function() return diagnostic_of(incomplete, 'remediation-link') == nil end, 20))
  end
end

-- 5. A scenario file gets its filetype, the server and the model's verdict (Neovim 0.7 gave it no filetype).
local scenario = open('scenarios/internal-user-prompted.scenario')
check('a .scenario file gets the filetype kbscenario', vim.bo[scenario].filetype == 'kbscenario', vim.bo[scenario].filetype)
check('the kb client attaches to a scenario file', vim.wait(timeout_ms, function() return attached(scenario) ~= nil end, 20))
check('publishes a scenario-contradiction diagnostic on the scenario', vim.wait(timeout_ms, function() return diagnostic_of(scenario, 'scenario-contradiction') ~= nil end, 20), vim.inspect(vim.diagnostic.get(scenario)))

for _, client in pairs(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) do vim.lsp.stop_client(client.id) end
finish()
