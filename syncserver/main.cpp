#include "admincommands.h"

#include <iostream>

int main(int argc, char **argv)
{
    return rd::server::runCommand(std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr, std::cin);
}
