// placeholder until the generator library lands
namespace migrations::generator { int placeholder() { return 0; } }
