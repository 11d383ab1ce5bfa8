# A toolchain file that makes CMake cross-compile (CMAKE_SYSTEM_NAME set, hence
# CMAKE_CROSSCOMPILING) for the machine it runs on, with the compiler the test passes: the
# cross-compiling paths of add_migrations() tested without a cross compiler.
set(CMAKE_SYSTEM_NAME ${CMAKE_HOST_SYSTEM_NAME})
set(CMAKE_SYSTEM_PROCESSOR ${CMAKE_HOST_SYSTEM_PROCESSOR})
