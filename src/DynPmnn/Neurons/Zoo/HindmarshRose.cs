namespace DynPmnn.Neurons.Zoo;

/// <summary>
/// The Hindmarsh–Rose bursting neuron (Hindmarsh &amp; Rose 1984, Proc. R. Soc. Lond. B 221: 87–102):
/// dx/dt = y − a x³ + b x² − z + I, dy/dt = c − d x² − y, dz/dt = r (s (x − x_R) − z).
/// </summary>
[Neuron]
public partial struct HindmarshRose
{
    [State] public float X;
    [State] public float Y;
    [State] public float Z;
    [Parameter(1f)] public float A;
    [Parameter(3f)] public float B;
    [Parameter(1f)] public float C;
    [Parameter(5f)] public float D;
    [Parameter(0.006f)] public float R;
    [Parameter(4f)] public float S;
    [Parameter(-1.6f)] public float XR;
    [Input] public float I;

    private readonly void Derivatives(out float dX, out float dY, out float dZ)
    {
        dX = Y - A * X * X * X + B * X * X - Z + I;
        dY = C - D * X * X - Y;
        dZ = R * (S * (X - XR) - Z);
    }
}
