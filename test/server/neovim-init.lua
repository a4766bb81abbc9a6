-- Headless Neovim: start `streamwise lsp` for one buffer, wait for its diagnostics, write them as JSON, quit.
local out = os.getenv('SW_OUT')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SW_FILE')))
local buf = vim.api.nvim_get_current_buf()
local config = { name = 'streamwise', cmd = { os.getenv('SW_NODE'), os.getenv('SW_BIN'), 'lsp', '--stdio' }, root_dir = os.getenv('SW_ROOT') }
if vim.lsp.start then
  vim.lsp.start(config, { bufnr = buf })
else
  -- Neovim 0.7 (Debian bookworm) has no vim.lsp.start yet.
  vim.lsp.buf_attach_client(buf, vim.lsp.start_client(config))
end
local ok = vim.wait(tonumber(os.getenv('SW_WAIT_MS')), function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(diagnostics, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), lnum = d.lnum, col = d.col, source = d.source })
end
local f = io.open(out, 'w')
f:write(vim.json.encode({ ok = ok, diagnostics = diagnostics }))
f:close()
vim.cmd('qa!')
