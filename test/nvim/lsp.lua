-- Drives the Scaling Plan language server from a real Neovim (0.7+), headless.
-- Run by test/server-nvim.test.ts:
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/nvim/lsp.lua'
-- with SP_NODE, SP_SERVER, SP_PLAN, SP_ROOT and SP_OUT in the environment. Writes what it saw
-- to SP_OUT as JSON and leaves with :cquit 0 (done) or :cquit 1 (a step failed).
local out = {}
local node = os.getenv('SP_NODE')
local server = os.getenv('SP_SERVER')
local plan = os.getenv('SP_PLAN')
local root = os.getenv('SP_ROOT')
local out_path = os.getenv('SP_OUT')

local function save()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
end

local function wait(what, ms, predicate)
  local ok = vim.wait(ms, predicate, 10)
  if not ok then error('timed out waiting for ' .. what) end
end

local function run()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(plan))
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype

  local client_id = vim.lsp.start_client({
    name = 'scaling-plan',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    flags = { debounce_text_changes = 0 },
    -- Neovim 0.7 neither answers workspace/configuration nor sends didChangeConfiguration by
    -- itself: settings go in init_options (0.8+ also sends `settings` when the server asks).
    init_options = { scalingPlan = { debounce = 0, blanks = false } },
    settings = { scalingPlan = { debounce = 0, blanks = false } },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  wait('initialize', 10000, function() return client.initialized end)
  out.server = client.server_capabilities and true or false

  -- Diagnostics appear (positions as Neovim holds them: 0-based lines, byte columns).
  wait('diagnostics', 10000, function() return #vim.diagnostic.get(bufnr) > 0 end)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = lsp.code })
  end

  -- A hover: the checked total, and a stage reference when the server knows stages.
  local function hover(line, character)
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = line, character = character } }
    local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000)
    local r = res and res[client_id] and res[client_id].result
    return r and r.contents and r.contents.value or vim.NIL
  end
  out.hover_total = hover(29, 12)
  out.hover_stage = hover(tonumber(os.getenv('SP_STAGE_LINE')), tonumber(os.getenv('SP_STAGE_CHAR')))

  -- Code lenses rendered as virtual text.
  vim.lsp.codelens.refresh()
  wait('code lenses', 10000, function() return #vim.lsp.codelens.get(bufnr) > 0 end)
  local ns = vim.api.nvim_get_namespaces()['vim_lsp_codelens:' .. client_id]
  out.lenses = {}
  wait('lens virtual text', 5000, function()
    return ns ~= nil and #vim.api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, {}) > 0
  end)
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { details = true })) do
    local text = {}
    for _, chunk in ipairs(mark[4].virt_text or {}) do table.insert(text, chunk[1]) end
    table.insert(out.lenses, { line = mark[2], text = table.concat(text) })
  end

  -- A quick fix, chosen through vim.ui.select like a user would.
  out.actions = {}
  vim.ui.select = function(items, opts, on_choice)
    local chosen
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(out.actions, title)
      if title == 'Change to $80/month' then chosen = item end
    end
    on_choice(chosen)
  end
  vim.api.nvim_win_set_cursor(0, { 30, 11 })
  vim.lsp.buf.code_action()
  wait('quick fix applied', 10000, function()
    return vim.api.nvim_buf_get_lines(bufnr, 29, 30, false)[1] == '- Total: $80/month'
  end)
  out.fixed_line = vim.api.nvim_buf_get_lines(bufnr, 29, 30, false)[1]
  wait('diagnostics after the fix', 10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum == 29 then return false end
    end
    return true
  end)
  out.after_fix = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(out.after_fix, d.lnum) end

  -- Typing non-ASCII text before a number: Neovim sends UTF-16 ranges, shows byte columns.
  vim.api.nvim_buf_set_text(bufnr, 35, 9, 35, 9, { 'é🎉 ' })
  wait('diagnostics after typing', 10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.lnum == 35 and d.col == 16 then return true end
    end
    return false
  end)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.lnum == 35 then out.typed = { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message } end
  end

  vim.lsp.stop_client(client_id)
  wait('server exit', 5000, function() return vim.lsp.get_client_by_id(client_id) == nil end)
  out.done = true
end

local ok, err = xpcall(run, debug.traceback)
if not ok then out.error = tostring(err) end
save()
vim.cmd(ok and 'cquit 0' or 'cquit 1')
