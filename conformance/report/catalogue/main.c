/* cn_catalogue: prints the driver's check catalogue, compiled for the host
 * from the same table (conformance/driver/catalogue.c), where Wine cannot run
 * the driver: --help, and i686 without a 32-bit Wine. */
#include "catalogue.h"

int main(void)
{
    catalogue_print();
    return 0;
}
