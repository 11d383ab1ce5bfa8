# add_migrations() -- placeholder, see issue 2.
function(add_migrations target)
  message(FATAL_ERROR "add_migrations is not implemented yet")
endfunction()
