-- A minimal Neovim configuration (0.7 or later, no plugins) that starts `galley lsp` for one
-- file, waits for its diagnostics and prints them, one per line. Used headless by
-- scripts/lsp-neovim.sh; quits with an error code when no diagnostic arrived.
local galley = os.getenv("GALLEY") or "galley"
local file = assert(os.getenv("GALLEY_SAMPLE"), "GALLEY_SAMPLE names the file to open")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local client = vim.lsp.start_client({
  name = "galley",
  cmd = { galley, "lsp" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
vim.lsp.buf_attach_client(0, client)

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)

for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "?"
  local message = d.message:gsub("\n.*", "")
  io.stdout:write(string.format("%s:%d:%d: [%s] %s\n", file, d.lnum + 1, d.col + 1, code, message))
end

vim.lsp.stop_client(client)
if arrived then
  vim.cmd("qall!")
else
  io.stderr:write("no diagnostic arrived from galley lsp\n")
  vim.cmd("cquit 1")
end
