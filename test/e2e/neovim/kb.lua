-- kb-language-server in Neovim (0.7 or later): Markdown and scenario files inside a KB
-- (a folder with a kb.config.json, searched upward from the file) get the server's
-- diagnostics, hovers, code actions, completion and navigation.
-- Put this file in your config (for example ~/.config/nvim/plugin/kb.lua); it is
-- also the configuration that the repository's Neovim check loads.

-- An autocommand rather than vim.filetype.add: Neovim 0.7 ignores vim.filetype.add
-- unless filetype.lua is turned on (g:do_filetype_lua), so .scenario files got no filetype.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.scenario',
  callback = function(args) vim.api.nvim_buf_set_option(args.buf, 'filetype', 'kbscenario') end,
})

local started = {} -- KB root -> client id (Neovim 0.7, which has no vim.lsp.start)

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'markdown', 'kbscenario' },
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    local config = vim.fn.findfile('kb.config.json', vim.fn.fnamemodify(file, ':p:h') .. ';')
    if config == '' then return end
    local server = { name = 'kb', cmd = { 'kb-language-server', '--stdio' }, root_dir = vim.fn.fnamemodify(config, ':p:h') }
    if vim.lsp.start then
      vim.lsp.start(server, { bufnr = args.buf })
      return
    end
    local id = started[server.root_dir]
    if id == nil or vim.lsp.client_is_stopped(id) then
      id = vim.lsp.start_client(server)
      started[server.root_dir] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
