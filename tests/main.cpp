// The one Catch2 main; the test cases live in tests/<area>/<unit>_test.cpp.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
